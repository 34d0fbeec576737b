import { referenceRule } from './reference-rule.js';

/** A `track_process` entry naming no `vrrp_track_process`. */
export const undefinedTrackProcess = referenceRule({
  code: 'undefined-track-process',
  summary: 'A track_process entry names a vrrp_track_process that is not defined.',
  noun: 'track process',
  definer: 'vrrp_track_process',
  kind: 'vrrp_track_process',
});
