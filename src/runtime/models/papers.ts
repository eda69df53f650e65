/**
 * The papers the zoo builds from, one row each: every builder's `paper` text is made here, and the citation check
 * (tests/content/citations.test.ts) holds the lessons' reference lists to the same authors and years. Pure data,
 * no tfjs, so tests and scripts can read it without loading a model.
 */
export interface Paper {
  /** Surnames in the paper's order; the first is the one a citation names. */
  readonly authors: readonly [string, ...string[]];
  /** The year of first public release, arXiv included: the course's convention (<CitationNote />). */
  readonly year: number;
  readonly title: string;
  /** e.g. '1409.1556'; null for a paper that was never on arXiv. */
  readonly arxiv: string | null;
  /** Where it was published after (or without) arXiv; null for a preprint only. */
  readonly venue: string | null;
}

export const PAPERS = {
  lenet5: {
    authors: ['LeCun', 'Bottou', 'Bengio', 'Haffner'],
    year: 1998,
    title: 'Gradient-Based Learning Applied to Document Recognition',
    arxiv: null,
    venue: 'Proc. IEEE 86(11)',
  },
  alexnet: {
    authors: ['Krizhevsky', 'Sutskever', 'Hinton'],
    year: 2012,
    title: 'ImageNet Classification with Deep Convolutional Neural Networks',
    arxiv: null,
    venue: 'NIPS 2012',
  },
  // What torchvision cites for its single-tower AlexNet (whose widths are not this paper's; see alexnet.ts).
  oneWeirdTrick: {
    authors: ['Krizhevsky'],
    year: 2014,
    title: 'One weird trick for parallelizing convolutional neural networks',
    arxiv: '1404.5997',
    venue: null,
  },
  vgg: {
    authors: ['Simonyan', 'Zisserman'],
    year: 2014,
    title: 'Very Deep Convolutional Networks for Large-Scale Image Recognition',
    arxiv: '1409.1556',
    venue: 'ICLR 2015',
  },
  resnet: {
    authors: ['He', 'Zhang', 'Ren', 'Sun'],
    year: 2015,
    title: 'Deep Residual Learning for Image Recognition',
    arxiv: '1512.03385',
    venue: 'CVPR 2016',
  },
  preactResnet: {
    authors: ['He', 'Zhang', 'Ren', 'Sun'],
    year: 2016,
    title: 'Identity Mappings in Deep Residual Networks',
    arxiv: '1603.05027',
    venue: 'ECCV 2016',
  },
  mobilenetV1: {
    authors: ['Howard', 'Zhu', 'Chen', 'Kalenichenko', 'Wang', 'Weyand', 'Andreetto', 'Adam'],
    year: 2017,
    title: 'MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications',
    arxiv: '1704.04861',
    venue: null,
  },
} as const satisfies Record<string, Paper>;

/** Up to four authors are named in full ("LeCun, Bottou, Bengio & Haffner"); more read "Howard et al.". */
const MAX_NAMED_AUTHORS = 4;

/** "Simonyan & Zisserman 2014", "Krizhevsky 2014", "Howard et al. 2017". */
function authorsAndYear({ authors, year }: Paper): string {
  if (authors.length > MAX_NAMED_AUTHORS) return `${authors[0]} et al. ${year}`;
  const last = authors.at(-1)!;
  const names = authors.length === 1 ? last : `${authors.slice(0, -1).join(', ')} & ${last}`;
  return `${names} ${year}`;
}

/** A model's `paper` text: 'Simonyan & Zisserman 2014, "Very Deep ...", arXiv:1409.1556, ICLR 2015'. */
export function citePaper(paper: Paper): string {
  const parts = [authorsAndYear(paper), `"${paper.title}"`, paper.arxiv && `arXiv:${paper.arxiv}`, paper.venue];
  return parts.filter(Boolean).join(', ');
}
