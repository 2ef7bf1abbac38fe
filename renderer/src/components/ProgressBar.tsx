// A determinate progress bar with its words beside it (the bar alone says nothing to a
// screen reader or at a glance).
export function ProgressBar({ value, max, label, detail }: { value: number; max: number; label: string; detail?: string }) {
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className="progress">
      <div className="progress-text">
        <span className="progress-label">{label}</span>
        {detail ? <span className="progress-detail">{detail}</span> : null}
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max || 1} aria-valuenow={max > 0 ? value : 0} aria-valuetext={detail ? `${label}, ${detail}` : label}>
        <div className={max > 0 ? 'progress-fill' : 'progress-fill progress-fill--indeterminate'} style={max > 0 ? { width: `${(ratio * 100).toFixed(1)}%` } : undefined} />
      </div>
    </div>
  );
}
