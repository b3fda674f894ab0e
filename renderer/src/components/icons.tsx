import { Icon, Label } from '@patternfly/react-core';
import CheckCircleIcon from '@patternfly/react-icons/dist/esm/icons/check-circle-icon';
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import InfoCircleIcon from '@patternfly/react-icons/dist/esm/icons/info-circle-icon';
import type { Severity } from '../../../main/core/validation/finding';

export const SEVERITY_TEXT: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const STATUS = { error: 'danger', warning: 'warning', info: 'info' } as const;

export function SeverityIcon({ severity }: { severity: Severity }) {
  const Glyph = severity === 'error' ? ExclamationCircleIcon : severity === 'warning' ? ExclamationTriangleIcon : InfoCircleIcon;
  return (
    <Icon status={STATUS[severity]} aria-label={SEVERITY_TEXT[severity]}>
      <Glyph />
    </Icon>
  );
}

export function SeverityLabel({ severity }: { severity: Severity }) {
  return (
    <Label isCompact status={STATUS[severity]}>
      {SEVERITY_TEXT[severity]}
    </Label>
  );
}

export function OkIcon() {
  return (
    <Icon status="success">
      <CheckCircleIcon />
    </Icon>
  );
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
