/**
 * The course's tracks, in course order. The id is the prefix of every lesson id in that track and its folder under
 * src/content/docs/; its name is the word `course.track.<id>` in the words tables.
 */
export const TRACK_IDS = ['cv', 'dl', 'ml', 'rec', 'gd'] as const;
export type TrackId = (typeof TRACK_IDS)[number];
