import { selectTasks, useAppStore, type AppState } from '../store/app-store.js';

/** More running tasks than this collapse into "+N more", so the bar never overflows. */
const SHOWN_TASKS = 3;

const selectLastFinished = (s: AppState) => s.lastFinished;

/** Background work with progress along the bottom of the window, and how the last piece ended. */
export function StatusBar() {
  const tasks = Object.entries(useAppStore(selectTasks));
  const last = useAppStore(selectLastFinished);
  const hidden = tasks.slice(SHOWN_TASKS);
  return (
    <footer className="status-bar" role="status" aria-live="polite" aria-label="Status">
      {tasks.slice(0, SHOWN_TASKS).map(([id, task]) => (
        <span key={id} className="status-task" data-task={task.label}>
          <span className="spinner" aria-hidden="true" />
          <span className="status-label">{task.label}</span>
          {task.fraction !== undefined ? <progress max={1} value={task.fraction} aria-label={task.label} /> : null}
        </span>
      ))}
      {hidden.length > 0 ? (
        <span className="status-more" title={hidden.map(([, t]) => t.label).join('\n')}>
          +{hidden.length} more
        </span>
      ) : null}
      {tasks.length === 0 ? (
        last ? (
          <span className={`status-ended status-${last.outcome}`} data-outcome={last.outcome}>
            {last.label}: {last.outcome}
          </span>
        ) : (
          <span className="status-idle">Ready</span>
        )
      ) : null}
    </footer>
  );
}
