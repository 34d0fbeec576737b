import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { syncGroupMember } from '../../../../server/src/core/keepalived/rules/sync-group-member.js';
import { trackInterface } from '../../../../server/src/core/keepalived/rules/track-interface.js';
import { undefinedScript } from '../../../../server/src/core/keepalived/rules/undefined-script.js';
import { undefinedTrackFile } from '../../../../server/src/core/keepalived/rules/undefined-track-file.js';
import { undefinedTrackProcess } from '../../../../server/src/core/keepalived/rules/undefined-track-process.js';
import { undefinedVirtualServerGroup } from '../../../../server/src/core/keepalived/rules/undefined-virtual-server-group.js';
import { applyFix, expectFindings, instance } from './node-harness.js';

void describe('undefined-script', () => {
  void it('flags a track_script entry without a vrrp_script and offers the close name', () => {
    const { issues, text } = expectFindings(
      undefinedScript,
      'vrrp_script chk_haproxy {\n  script "/usr/bin/true"\n}\n' +
        instance('VI_1', '  track_script {\n    chk_haproxy\n    <|chk_haproxi|> weight -20\n  }'),
    );
    assert.equal(issues[0]?.severity, 'error');
    assert.match(issues[0]?.message ?? '', /track script chk_haproxi not found/);
    assert.match(applyFix(text, issues[0]), /\n {4}chk_haproxy weight -20/);
  });

  void it('checks sync group track_script too, and accepts defined scripts', () => {
    expectFindings(
      undefinedScript,
      'vrrp_script a {\n  script "/bin/true"\n}\n' +
        'vrrp_sync_group G {\n  group {\n    VI_1\n  }\n  track_script {\n    a\n    <|b|>\n  }\n}\n',
    );
  });
});

void describe('undefined-track-file / undefined-track-process', () => {
  const body =
    'vrrp_track_file tf {\n  file /tmp/x\n}\nvrrp_track_process tp {\n  process haproxy\n}\n' +
    instance(
      'VI_1',
      '  track_file {\n    tf\n    <|nofile|>\n  }\n  track_process {\n    tp\n    <|noproc|>\n  }',
    );

  void it('flags an unknown track_file name only', () => {
    const marked = body.replace('<|noproc|>', 'noproc');
    const { issues } = expectFindings(undefinedTrackFile, marked);
    assert.match(issues[0]?.message ?? '', /track_file block/);
  });

  void it('flags an unknown track_process name only', () => {
    expectFindings(undefinedTrackProcess, body.replace('<|nofile|>', 'nofile'));
  });
});

void describe('sync-group-member', () => {
  void it('flags unknown members and instances already in another group', () => {
    const { issues } = expectFindings(
      syncGroupMember,
      instance('VI_1', '') +
        instance('VI_2', '') +
        'vrrp_sync_group G1 {\n  group {\n    VI_1 VI_2\n    <|VI_MISSING|>\n  }\n}\n' +
        'vrrp_sync_group G2 {\n  group {\n    <|VI_1|>\n    <|VI_3|>\n  }\n}\n',
    );
    assert.match(issues[0]?.message ?? '', /not a vrrp_instance/);
    assert.match(issues[1]?.message ?? '', /two sync groups/);
    assert.equal(issues[1]?.related?.length, 1);
  });

  void it('accepts a group of two instances', () => {
    expectFindings(
      syncGroupMember,
      instance('VI_1', '') +
        instance('VI_2', '') +
        'vrrp_sync_group G {\n  group {\n    VI_1\n    VI_2\n  }\n}\n',
    );
  });

  void it('flags a group of one member', () => {
    const { issues } = expectFindings(
      syncGroupMember,
      instance('VI_1', '') + 'vrrp_sync_group <|G|> {\n  group {\n    VI_1\n  }\n}\n',
    );
    assert.match(issues[0]?.message ?? '', /only one instance/);
  });
});

void describe('undefined-virtual-server-group', () => {
  void it('flags an unknown group and accepts a defined one', () => {
    const { issues } = expectFindings(
      undefinedVirtualServerGroup,
      'virtual_server_group WEB {\n  10.0.0.1 80\n}\n' +
        'virtual_server group WEB {\n  lb_kind NAT\n}\n' +
        'virtual_server group <|WEBB|> {\n  lb_kind NAT\n}\n' +
        'virtual_server 10.0.0.2 80 {\n  lb_kind NAT\n}\n',
    );
    assert.equal(issues[0]?.severity, 'warning');
    assert.equal(issues[0]?.fixes?.[0]?.title, "Change to 'WEB'");
  });
});

void describe('track-interface', () => {
  void it('hints at tracked interfaces the file uses nowhere else', () => {
    const { issues } = expectFindings(
      trackInterface,
      instance(
        'VI_1',
        '  interface eth0\n  virtual_ipaddress {\n    10.0.0.1 dev eth1\n  }\n  track_interface {\n    eth0\n    eth1 weight -10\n    <|eht2|>\n  }',
      ),
    );
    assert.equal(issues[0]?.severity, 'hint');
  });
});

void describe('undefined-script on a vrrp_script without script line', () => {
  void it('flags the reference, since keepalived removes the script', () => {
    const { issues } = expectFindings(
      undefinedScript,
      'vrrp_script chk {\n  interval 2\n}\n' +
        instance('VI_1', '  track_script {\n    <|chk|>\n  }'),
    );
    assert.match(issues[0]?.message ?? '', /no script line/);
  });
});
