// axe-core run inside the window's page: what it finds, per screen and colour scheme, summed up
// by impact so a test can require zero serious or critical ones and report the rest.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's own impact levels, mildest first. */
export const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  /** Each offending element's selector and what axe says is wrong with it. */
  nodes: { target: string; summary: string }[];
}

export interface AxeReport {
  screen: string;
  colorScheme: 'light' | 'dark';
  violations: AxeViolation[];
  /** Offending elements per impact (a rule failing on three buttons counts three). */
  counts: Record<Impact, number>;
}

// The test tsconfig has no DOM library: the page's globals axe touches are named here.
declare const document: unknown;
declare const window: {
  matchMedia(query: string): { matches: boolean };
  axe?: {
    run(
      context: unknown,
      options: { resultTypes: string[] },
    ): Promise<{
      violations: {
        id: string;
        impact?: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    }>;
  };
};

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | undefined;

/**
 * Puts axe into the page. Not as a `<script>` tag: the window's CSP (`script-src 'self'`) rightly
 * refuses inline scripts, so the source is evaluated through DevTools, which CSP does not govern.
 */
async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => window.axe !== undefined)) return;
  axeSource ??= readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
}

/** Runs axe on the whole document as it is now, in the colour scheme given. */
export async function runAxe(
  page: Page,
  screen: string,
  colorScheme: 'light' | 'dark',
): Promise<AxeReport> {
  await page.emulateMedia({ colorScheme });
  // The page must really be in that scheme, or the dark half of a test would measure light.
  const dark = await page.evaluate(() => window.matchMedia('(prefers-color-scheme: dark)').matches);
  if (dark !== (colorScheme === 'dark'))
    throw new Error(`The page is not in the ${colorScheme} scheme`);
  await injectAxe(page);
  const result = await page.evaluate(async () => {
    const axe = window.axe;
    if (!axe) throw new Error('axe-core is not in the page');
    const found = await axe.run(document, { resultTypes: ['violations'] });
    return found.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: n.failureSummary ?? '',
      })),
    }));
  });
  const violations = result.map((v) => ({ ...v, impact: impactOf(v.impact) }));
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) counts[v.impact ?? 'minor'] += v.nodes.length;
  return { screen, colorScheme, violations, counts };
}

function impactOf(value: string | null): Impact | null {
  return IMPACTS.find((impact) => impact === value) ?? null;
}

/** The serious and critical findings, one line per element, for a failure message. */
export function blocking(report: AxeReport): string[] {
  return report.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${report.screen} (${report.colorScheme}): ${v.impact} ${v.id} at ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`,
      ),
    );
}

/** One line per report: the screen, the scheme, and how many findings of each impact. */
export function summary(reports: AxeReport[]): string {
  const lines = reports.map((r) => {
    const rules = r.violations
      .filter((v) => v.impact === 'minor' || v.impact === 'moderate' || v.impact === null)
      .map((v) => `${v.id}×${v.nodes.length}`)
      .join(', ');
    const counts = IMPACTS.map((impact) => `${impact} ${r.counts[impact]}`).join(', ');
    return `${r.screen} (${r.colorScheme}): ${counts}${rules ? ` [${rules}]` : ''}`;
  });
  return lines.join('\n');
}
