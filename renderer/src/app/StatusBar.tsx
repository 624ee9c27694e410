import { selectTasks, useAppStore } from '../store/app-store.js';

/** Background work with progress, along the bottom of the window. */
export function StatusBar() {
  const tasks = Object.entries(useAppStore(selectTasks));
  return (
    <footer className="status-bar" role="status" aria-live="polite">
      {tasks.length === 0 ? (
        <span className="status-idle">Ready</span>
      ) : (
        tasks.map(([id, task]) => (
          <span key={id} className="status-task">
            <span className="spinner" aria-hidden="true" />
            {task.label}
            {task.fraction !== undefined ? (
              <progress max={1} value={task.fraction} aria-label={task.label} />
            ) : null}
          </span>
        ))
      )}
    </footer>
  );
}
