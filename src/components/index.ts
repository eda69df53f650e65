// Components that lessons use inside MDX: `import { Quiz, … } from '~/components';`
export { default as CitationNote } from './CitationNote.astro';
export { default as CourseMap } from './CourseMap.astro';
export { default as FactCheck } from './FactCheck.astro';
export { default as LessonLinks } from './LessonLinks.astro';
export { default as LessonList } from './LessonList.astro';
export { default as MnistTrainer } from './MnistTrainer.astro';
export { default as Prerequisites } from './Prerequisites.astro';
export { default as ProgressPanel } from './ProgressPanel.astro';
export { default as Quiz } from './Quiz.astro';
export { default as ArchDiagram } from './ArchDiagram.astro';
export { default as ArchitectureExplorer } from './ArchitectureExplorer.astro';
export { default as DigitPad } from './DigitPad.astro';
export { default as DeviceReport } from './DeviceReport.astro';
export { default as ArchitectureLab } from './ArchitectureLab.astro';
export { default as ConvPlayground } from './ConvPlayground.astro';
