// The readiness checklist (issue 11 §2): "ready" only when every item is done — plan valid,
// hardware discovered and matching, secrets present, bundle written, exported. Each item
// shows its state as an icon AND a word, and one sentence of what is missing.
import './readiness.css';
import { Alert, Content } from '@patternfly/react-core';
import type { Readiness, ReadinessState } from '../../../../main/core/readiness';
import { STATE_WORDS } from '../../../../main/core/readiness/format';
import { OkIcon, SeverityIcon } from '../../components/icons';

/** The state in the checklist's words (core/readiness/format.ts), capitalised for a label. */
const word = (state: ReadinessState) => STATE_WORDS[state].charAt(0).toUpperCase() + STATE_WORDS[state].slice(1);

function StateMark({ state }: { state: ReadinessState }) {
  switch (state) {
    case 'done':
      return <OkIcon />;
    case 'problem':
      return <SeverityIcon severity="error" />;
    case 'unknown':
      return <SeverityIcon severity="info" />;
    default:
      return <span className="sk-step-todo" aria-hidden="true" />;
  }
}

export function ReadinessChecklist({ readiness }: { readiness: Readiness }) {
  const problem = readiness.items.some((i) => i.state === 'problem');
  return (
    <Alert
      isInline
      variant={readiness.ready ? 'success' : problem ? 'danger' : 'warning'}
      title={readiness.summary}
      className="sk-gap"
      data-testid="readiness"
      data-ready={readiness.ready ? 'yes' : 'no'}
    >
      <ul className="sk-readiness" aria-label="Readiness checklist">
        {readiness.items.map((item) => (
          <li key={item.id} data-testid={`readiness-${item.id}`} data-state={item.state}>
            <StateMark state={item.state} /> <strong>{item.title}</strong> <span className="sk-muted">({word(item.state)})</span>:{' '}
            {item.text}
          </li>
        ))}
      </ul>
      {!readiness.ready && (
        <Content component="small" className="sk-muted">
          Ready only when every item is done.
        </Content>
      )}
    </Alert>
  );
}
