// Step 8: the readiness checklist first (a plan without findings is not yet a ready site),
// then every finding of the plan, grouped by step, each a link to its field; and the plan as
// text beside it, for what the forms do not cover.
import { Grid, GridItem } from '@patternfly/react-core';
import { useRef } from 'react';
import type { Readiness } from '../../../../main/core/readiness';
import { Editor, type EditorHandle } from '../../components/Editor';
import { FindingsPanel } from '../../components/FindingsPanel';
import { useSite, useWizard } from '../../wizard/fields';
import { ReadinessChecklist } from './ReadinessChecklist';

export function ValidateStep({ readiness }: { readiness?: Readiness }) {
  const { store } = useWizard();
  const editor = useRef<EditorHandle>(null);
  const doc = useSite((s) => s.doc);
  const text = useSite((s) => s.text);
  const savedText = useSite((s) => s.savedText);
  const path = useSite((s) => s.path);
  const readOnly = useSite((s) => s.readOnly);
  const checking = useSite((s) => s.checking);
  if (!doc) return null;
  return (
    <Grid hasGutter data-testid="step-validate">
      <GridItem xl={5} lg={12}>
        {readiness && <ReadinessChecklist readiness={readiness} />}
        <FindingsPanel
          doc={doc}
          outdated={checking}
          onShowLine={(line) => editor.current?.showLine(line)}
          onSelect={(p) => store.getState().focusField(p)}
        />
      </GridItem>
      <GridItem xl={7} lg={12}>
        <Editor
          ref={editor}
          text={text}
          path={path}
          readOnly={readOnly}
          unchecked={checking}
          unsaved={text !== savedText}
          onChange={(t) => store.getState().setText(t)}
          onHistory={(move) => void store.getState()[move]()}
        />
      </GridItem>
    </Grid>
  );
}
