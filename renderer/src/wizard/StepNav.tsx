// The list of steps on the left: where the technician is, and which steps still need work.
import { Nav, NavItem } from '@patternfly/react-core';
import { memo } from 'react';
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
    case 'forced':
      // Written, but with errors overridden: a mark of its own, with words, never the ✓.
      return (
        <span className="sk-nav-step__forced">
          <SeverityIcon severity="warning" /> forced
        </span>
      );
    default:
      return <span className="sk-step-todo" aria-hidden="true" />;
  }
}

function StepNavPlain({
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
      {/* A plain list with NavList's class: PatternFly's NavList reads the computed text direction
          after every update, which forces a style pass over the whole page on each edit. */}
      <ul className="pf-v6-c-nav__list" role="list">
        {STEPS.map((step, index) => {
          const status = statuses[step];
          return (
            // The child is a real link, so Tab reaches every step (NavItem styles it; given a
            // plain span it would render that span, which the keyboard skips).
            <NavItem
              key={step}
              itemId={step}
              isActive={step === current}
              onClick={(event) => {
                event.preventDefault();
                onSelect(step);
              }}
            >
              <a href={`#${step}`} className="sk-nav-step" data-testid={`nav-${step}`} data-state={status.state} title={status.label}>
                <span className="sk-nav-step__number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="sk-nav-step__title">{STEP_TITLES[step]}</span>
                <span className="sk-nav-step__state">
                  <StateIcon status={status} />
                  {status.errors > 0 && step !== 'validate' ? (
                    <span className="sk-nav-step__count" aria-hidden="true">
                      {status.errors}
                    </span>
                  ) : null}
                  {/* What the marks say, for screen readers: "Networks, 2 errors". */}
                  <span className="pf-v6-screen-reader">, {status.label}</span>
                </span>
              </a>
            </NavItem>
          );
        })}
      </ul>
    </Nav>
  );
}

const sameStatuses = (a: Record<Step, StepStatus>, b: Record<Step, StepStatus>) =>
  STEPS.every((s) => a[s].state === b[s].state && a[s].errors === b[s].errors && a[s].label === b[s].label);

/** Re-rendered only when the current step or a step's status changes. */
export const StepNav = memo(
  StepNavPlain,
  (a, b) => a.current === b.current && a.onSelect === b.onSelect && sameStatuses(a.statuses, b.statuses),
);
