/** The course's tracks. The key is the prefix of every lesson id in that track. */
export const TRACKS = {
  cv: 'Computer Vision',
  dl: 'Deep Learning',
  ml: 'Machine Learning',
  rec: 'Recommender Systems',
  gd: 'Game Development',
} as const;

export type TrackId = keyof typeof TRACKS;
export const TRACK_IDS = Object.keys(TRACKS) as [TrackId, ...TrackId[]];
