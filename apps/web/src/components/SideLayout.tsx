import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import './SideLayout.css';

export interface SideLink {
  to: string;
  label: string;
  end?: boolean;
}

/** A work area with a left navigation column (staff workplace, administration). */
export function SideLayout({
  title,
  links,
  children,
}: {
  title: string;
  links: SideLink[];
  children?: ReactNode;
}) {
  return (
    <div className="side-layout">
      <nav className="side-nav" aria-label={title}>
        <div className="side-nav-title">{title}</div>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">{children ?? <Outlet />}</main>
    </div>
  );
}
