// A labelled progress bar (a native <progress>, so assistive technology reads the value).
export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  return (
    <span className="learn-progress">
      <progress max={100} value={percent} aria-label={label}>
        {percent}%
      </progress>{' '}
      <span>{percent}%</span>
    </span>
  );
}
