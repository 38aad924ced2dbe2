import { useEffect, useRef } from 'react';

/**
 * A `<dialog>` shown modally while its component is mounted (focus trapped, Esc closes it through the
 * dialog's own `close` event) and closed when it unmounts.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
