// Why a call of the step did not finish (the host's words), in a red box the technician can close.
import { Alert, AlertActionCloseButton } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export function TaskError({ title, testid, onClose, children }: { title: string; testid?: string; onClose(): void; children: ReactNode }) {
  return (
    <Alert isInline variant="danger" title={title} className="sk-gap-top" {...(testid ? { 'data-testid': testid } : {})} actionClose={<AlertActionCloseButton onClose={onClose} />}>
      {children}
    </Alert>
  );
}
