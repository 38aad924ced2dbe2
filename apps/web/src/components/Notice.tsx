import type { ReactNode } from 'react';
import './Notice.css';

export function Notice({
  kind,
  children,
}: {
  kind: 'error' | 'success' | 'info' | 'warn';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
