// The question main asks before a stored secret goes somewhere it was not used for yet (a
// password to other nodes, to another Git server): the host's words, one button that says
// yes for exactly that place, and Cancel. Nothing is sent until the yes.
import { Alert, Button } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export interface SecretQuestionProps {
  title: string;
  /** `<testid>-question` on the box, `<testid>-confirm` on the yes. */
  testid: string;
  /** The yes, naming where the secret goes ("Use it for https://git.example.com"). */
  confirmLabel: ReactNode;
  confirmDisabled?: boolean;
  onConfirm(): void;
  onCancel(): void;
  /** The host's question. */
  children: ReactNode;
}

export function SecretQuestion({ title, testid, confirmLabel, confirmDisabled, onConfirm, onCancel, children }: SecretQuestionProps) {
  return (
    <Alert
      isInline
      variant="warning"
      title={title}
      className="sk-gap"
      data-testid={`${testid}-question`}
      actionLinks={
        <>
          <Button variant="secondary" size="sm" onClick={onConfirm} isDisabled={confirmDisabled} data-testid={`${testid}-confirm`}>
            {confirmLabel}
          </Button>{' '}
          <Button variant="link" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        </>
      }
    >
      {children}
    </Alert>
  );
}
