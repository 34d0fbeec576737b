import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { clientFeatures } from '../../server/src/lsp/capabilities.js';

test('creating files is offered only to clients applying CreateFile in documentChanges', () => {
  const withEdit = (workspaceEdit: object) => clientFeatures({ workspace: { workspaceEdit } });
  assert.equal(
    withEdit({ documentChanges: true, resourceOperations: ['create', 'rename'] }).codeActions
      .createFiles,
    true,
  );
  // resourceOperations without documentChanges cannot carry a CreateFile.
  assert.equal(withEdit({ resourceOperations: ['create'] }).codeActions.createFiles, false);
  assert.equal(
    withEdit({ documentChanges: true, resourceOperations: ['delete'] }).codeActions.createFiles,
    false,
  );
  assert.deepEqual(clientFeatures(undefined).codeActions, {
    createFiles: false,
    disabledActions: false,
  });
  assert.equal(
    clientFeatures({ textDocument: { codeAction: { disabledSupport: true } } }).codeActions
      .disabledActions,
    true,
  );
});
