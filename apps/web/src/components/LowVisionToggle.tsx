import { setLowVision, useLowVision } from '../lib/low-vision';

/** The header's switch to and from the version for the visually impaired. */
export function LowVisionToggle() {
  const on = useLowVision();
  return (
    <button
      type="button"
      className="btn btn-header low-vision-toggle"
      aria-pressed={on}
      data-testid="low-vision-toggle"
      onClick={() => setLowVision(!on)}
    >
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" className="low-vision-icon">
        <path
          fill="currentColor"
          d="M12 5C6.5 5 2.7 9.1 1.5 12c1.2 2.9 5 7 10.5 7s9.3-4.1 10.5-7C21.3 9.1 17.5 5 12 5zm0 11.5a4.5 4.5 0 1 1 0-9 4.5 4.5 0 0 1 0 9zm0-2.3a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4z"
        />
      </svg>
      Версия для слабовидящих
    </button>
  );
}
