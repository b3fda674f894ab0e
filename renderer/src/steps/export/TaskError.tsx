// Why one task of the step (preview, compare, write, report, export) failed, in the host's
// words, until the technician closes it or runs the task again.
import { Alert, AlertActionCloseButton } from '@patternfly/react-core';
import type { ExportState, ExportTask } from './export-store';

export function TaskError({
  s,
  task,
  title,
  testId,
  className = 'sk-gap',
}: {
  s: Pick<ExportState, 'errors' | 'dismiss'>;
  task: ExportTask;
  title: string;
  testId?: string;
  className?: string;
}) {
  const message = s.errors[task];
  if (!message) return null;
  return (
    <Alert
      isInline
      variant="danger"
      title={title}
      className={className}
      {...(testId ? { 'data-testid': testId } : {})}
      actionClose={<AlertActionCloseButton onClose={() => s.dismiss(task)} />}
    >
      {message}
    </Alert>
  );
}
