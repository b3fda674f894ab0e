// The list of steps on the left: where the technician is, and which steps still need work.
import { Nav, NavItem, NavList } from '@patternfly/react-core';
import { STEPS, STEP_TITLES, type Step } from '../../../main/core/validation/finding';
import { OkIcon, SeverityIcon } from '../components/icons';
import type { StepStatus } from './step-status';

function StateIcon({ status }: { status: StepStatus }) {
  switch (status.state) {
    case 'error':
      return <SeverityIcon severity="error" />;
    case 'warning':
      return <SeverityIcon severity="warning" />;
    case 'done':
      return <OkIcon />;
    default:
      return <span className="sk-step-todo" aria-hidden="true" />;
  }
}

export function StepNav({
  current,
  statuses,
  onSelect,
}: {
  current: Step;
  statuses: Record<Step, StepStatus>;
  onSelect(step: Step): void;
}) {
  return (
    <Nav aria-label="Wizard steps" data-testid="step-nav">
      <NavList>
        {STEPS.map((step, index) => {
          const status = statuses[step];
          return (
            <NavItem
              key={step}
              itemId={step}
              isActive={step === current}
              onClick={(event) => {
                event.preventDefault();
                onSelect(step);
              }}
              to={`#${step}`}
              title={status.label}
            >
              <span className="sk-nav-step" data-testid={`nav-${step}`} data-state={status.state}>
                <span className="sk-nav-step__number">{index + 1}</span>
                <span className="sk-nav-step__title">{STEP_TITLES[step]}</span>
                <span className="sk-nav-step__state" aria-label={status.label}>
                  <StateIcon status={status} />
                  {status.errors > 0 && step !== 'validate' ? <span className="sk-nav-step__count">{status.errors}</span> : null}
                </span>
              </span>
            </NavItem>
          );
        })}
      </NavList>
    </Nav>
  );
}
