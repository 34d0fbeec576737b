import { referenceRule } from './reference-rule.js';

/** A `track_file` entry naming no `vrrp_track_file`. */
export const undefinedTrackFile = referenceRule({
  code: 'undefined-track-file',
  summary: 'A track_file entry names a track_file block that is not defined.',
  noun: 'track file',
  definer: 'track_file block',
  kind: 'track_file',
});
