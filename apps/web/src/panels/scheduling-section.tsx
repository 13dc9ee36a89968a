import { useId, type JSX } from 'react';
import { describedBy, FieldErrors } from './field-errors.js';
import { FieldLabel } from './field-label.js';
import type { SchedulingDraft } from './processor-draft.js';

/** Props of {@link SchedulingSection}. */
export interface SchedulingSectionProps {
  readonly value: SchedulingDraft;
  /** Messages of a scheduling field, keyed `scheduling.<field>` as the server reports them. */
  errorsOf(field: keyof SchedulingDraft): readonly string[] | undefined;
  onChange(value: SchedulingDraft): void;
}

const STRATEGIES: readonly { value: SchedulingDraft['strategy']; label: string }[] = [
  { value: 'TIMER_DRIVEN', label: 'Timer driven' },
  { value: 'CRON_DRIVEN', label: 'CRON driven' },
];

const LEVELS: readonly SchedulingDraft['bulletinLevel'][] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

const HELP: Readonly<Record<keyof SchedulingDraft, string>> = {
  strategy:
    'Timer driven runs on a fixed period; CRON driven runs at the times a cron expression names.',
  period: 'How long to wait between runs; "0 sec" runs as often as there is work.',
  cron: 'Five fields (minute first, e.g. "0 2 * * *") or six with seconds first (e.g. "0 0 2 * * ?").',
  concurrentTasks: 'How many tasks of this processor may run at the same time.',
  penaltyDuration: 'How long a flowfile the processor penalizes waits before it is tried again.',
  yieldDuration: 'How long the processor waits after it yields (e.g. a remote system is down).',
  bulletinLevel: 'The lowest level of bulletin this processor posts.',
};

/**
 * When and how often the processor runs: NiFi's Scheduling tab. The run schedule is shown for a
 * timer-driven processor and the cron expression for a cron-driven one, as only one applies.
 */
export function SchedulingSection({
  value,
  errorsOf,
  onChange,
}: SchedulingSectionProps): JSX.Element {
  const id = useId();
  const set = <K extends keyof SchedulingDraft>(key: K, v: SchedulingDraft[K]) =>
    onChange({ ...value, [key]: v });
  const field = (
    key: keyof SchedulingDraft,
    label: string,
    control: (props: ControlProps) => JSX.Element,
  ) => {
    const errors = errorsOf(key);
    const fieldId = `${id}-${key}`;
    return (
      <div className="panel-field" data-property={`scheduling.${key}`}>
        <FieldLabel htmlFor={fieldId} label={label} description={HELP[key]} />
        {control({
          id: fieldId,
          title: HELP[key],
          'aria-describedby': describedBy(`${fieldId}-help`, `${fieldId}-errors`, errors),
          'aria-invalid': errors && errors.length > 0 ? true : undefined,
        })}
        <p id={`${fieldId}-help`} className="panel-help">
          {HELP[key]}
        </p>
        <FieldErrors id={`${fieldId}-errors`} messages={errors} />
      </div>
    );
  };
  const text =
    (key: 'period' | 'cron' | 'penaltyDuration' | 'yieldDuration', placeholder: string) =>
    (props: ControlProps) => (
      <input
        {...props}
        type="text"
        className="panel-mono"
        value={value[key]}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => set(key, e.target.value)}
      />
    );
  return (
    <div className="panel-grid">
      {field('strategy', 'Scheduling Strategy', (props) => (
        <select
          {...props}
          value={value.strategy}
          onChange={(e) => set('strategy', e.target.value as SchedulingDraft['strategy'])}
        >
          {STRATEGIES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      ))}
      {value.strategy === 'TIMER_DRIVEN'
        ? field('period', 'Run Schedule', text('period', '0 sec'))
        : field('cron', 'Cron Expression', text('cron', '0 2 * * *'))}
      {field('concurrentTasks', 'Concurrent Tasks', (props) => (
        <input
          {...props}
          type="number"
          min={1}
          step={1}
          value={value.concurrentTasks}
          onChange={(e) => set('concurrentTasks', e.target.value)}
        />
      ))}
      {field('penaltyDuration', 'Penalty Duration', text('penaltyDuration', '30 sec'))}
      {field('yieldDuration', 'Yield Duration', text('yieldDuration', '1 sec'))}
      {field('bulletinLevel', 'Bulletin Level', (props) => (
        <select
          {...props}
          value={value.bulletinLevel}
          onChange={(e) => set('bulletinLevel', e.target.value as SchedulingDraft['bulletinLevel'])}
        >
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
      ))}
    </div>
  );
}

/** What each scheduling control gets from its field: id, tooltip and ARIA links. */
interface ControlProps {
  readonly id: string;
  readonly title: string;
  readonly 'aria-describedby': string | undefined;
  readonly 'aria-invalid': true | undefined;
}
