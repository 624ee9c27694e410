import {
  Button,
  Text,
  UNSTABLE_Toast as Toast,
  UNSTABLE_ToastContent as ToastContent,
  UNSTABLE_ToastRegion as ToastRegion,
} from 'react-aria-components';
import { toastQueue } from '../store/toasts-slice.js';

/**
 * Errors and confirmations in a corner (React Aria's toast region: a landmark reachable with F6,
 * timers pause on hover and focus). At most three show; each names what it is about.
 */
export function Toasts() {
  return (
    <ToastRegion queue={toastQueue} className="toasts" aria-label="Notifications">
      {({ toast }) => (
        <Toast toast={toast} className={`toast toast-${toast.content.kind}`}>
          {/* Only errors interrupt a screen reader; confirmations are polite status messages. */}
          <ToastContent className="toast-content" role={toast.content.kind === 'error' ? 'alert' : 'status'}>
            {toast.content.subject ? (
              <Text slot="title" className="toast-title">
                {toast.content.subject}
              </Text>
            ) : null}
            <Text slot="description" className="toast-message">
              {toast.content.message}
            </Text>
            {toast.content.code ? <span className="toast-code">{toast.content.code}</span> : null}
          </ToastContent>
          {toast.content.action ? (
            <Button
              className="toast-action"
              onPress={() => {
                toast.content.action?.run();
                toastQueue.close(toast.key);
              }}
            >
              {toast.content.action.label}
            </Button>
          ) : null}
          <Button slot="close" className="toast-close" aria-label="Dismiss">
            ×
          </Button>
        </Toast>
      )}
    </ToastRegion>
  );
}
