import type { ReactNode } from 'react';

export function Card({ title, children, className, aside, headingLevel = 2 }: { title?: string; children: ReactNode; className?: string; aside?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`card ${className ?? ''}`} aria-label={title}>
      {title || aside ? (
        <div className="card-head">
          {title ? <Heading className="card-title">{title}</Heading> : <span />}
          {aside}
        </div>
      ) : null}
      {children}
    </section>
  );
}
