/**
 * Making and opening a session file (src/export/sessionFile.ts documents the format)
 * from the app's stores: the settings, the kept runs, the current run's metrics and
 * the comparison charts as PNGs.
 */
import { chartPngDataUrl } from '../../components/chart/chartImage';
import { chartThemeFor } from '../../components/chart/chartTheme';
import type { ResolvedTheme } from '../../components/theme/useResolvedTheme';
import { APP_INFO } from '../../export/appInfo';
import { buildRunFile, exportableStages, parsedStages } from '../../export/runFile';
import {
  buildSession,
  sessionDatasetsHandler,
  sessionText,
  type ParsedSession,
  type SessionChart,
} from '../../export/sessionFile';
import { configToQuery, useConfigStore } from '../../store/config';
import { useRunsStore } from '../../store/runs';
import { useSavedRuns } from '../../store/savedRuns';
import { useUiPrefs } from '../../store/uiPrefs';
import { importedFigures, importedName } from './importRun';
import { comparisonRuns, hasPoints, OVERLAYS, overlayDescription, overlaySeries } from './overlays';
import { currentRun } from './runFigures';

export interface MadeSession {
  text: string;
  fileName: string;
  keptRuns: number;
  /** Stages of the current run in the file (0: no current run). */
  currentStages: number;
  charts: number;
  /** Charts that could not be drawn (the file is still made, without them). */
  chartsFailed: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** pipeline-lab-session-2025-05-02-0930.json (local time: what the student sees). */
export function sessionFileName(date: Date): string {
  return `pipeline-lab-session-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.json`;
}

/** The session now, as a file's text (draws the charts: a fraction of a second each). */
export async function makeSession(theme: ResolvedTheme, now = new Date()): Promise<MadeSession> {
  const config = useConfigStore.getState().config;
  const kept = useSavedRuns.getState().runs;
  const stages = useRunsStore.getState().stages;
  const preferences = {
    theme: useUiPrefs.getState().theme,
    textSize: useUiPrefs.getState().textSize,
  };
  const createdAt = now.toISOString();
  const present = exportableStages(stages, config);
  const current =
    present.length > 0
      ? buildRunFile(stages, config, {
          createdAt,
          appVersion: APP_INFO.version,
          name: 'Current settings',
        })
      : null;

  // The comparison's charts, as the page draws them (kept runs and the current one).
  const runs = comparisonRuns(kept, currentRun(stages, config));
  const chartTheme = chartThemeFor(theme, preferences.textSize);
  const charts: SessionChart[] = [];
  let chartsFailed = 0;
  for (const spec of OVERLAYS.filter((s) => hasPoints(runs, s))) {
    try {
      const image = await chartPngDataUrl({
        figure: {
          series: overlaySeries(runs, spec),
          xTitle: spec.xTitle,
          yTitle: spec.yTitle,
          yRange: spec.yRange,
        },
        title: spec.title,
        theme: chartTheme,
        size: 'short',
      });
      charts.push({
        title: spec.title,
        description: overlayDescription(runs, spec),
        fileName: `simulator-${spec.key}.png`,
        image,
      });
    } catch {
      chartsFailed++;
    }
  }

  const query = configToQuery(config);
  const session = buildSession({
    createdAt,
    appVersion: APP_INFO.version,
    config,
    link: `/simulator${query ? `?${query}` : ''}`,
    preferences,
    keptRuns: kept,
    currentRun: current,
    charts,
  });
  return {
    text: sessionText(session),
    fileName: sessionFileName(now),
    keptRuns: kept.length,
    currentStages: present.length,
    charts: charts.length,
    chartsFailed,
  };
}

export const SESSION_CURRENT_RUN_LABEL = 'Current run of the session';

/**
 * Opens a checked session: its kept runs replace these, its current run joins them
 * (marked imported) when it is not one of them and there is room, its settings become
 * the current ones, its datasets go to their handler. Returns notes for the reader.
 */
export function openSession(session: ParsedSession, fileName: string): string[] {
  const notes: string[] = [];
  const saved = useSavedRuns.getState();
  saved.replaceAll(session.keptRuns);

  const current = session.currentRun;
  if (current && parsedStages(current).length > 0) {
    const query = configToQuery(current.config);
    const isKept = session.keptRuns.some((run) => configToQuery(run.config) === query);
    if (!isKept) {
      const added = useSavedRuns
        .getState()
        .importRun(
          importedName({ ...current, name: SESSION_CURRENT_RUN_LABEL }, fileName),
          current.config,
          importedFigures(current),
          {
            kind: 'imported',
            source: 'session',
            fileName,
            importedAt: new Date().toISOString(),
          },
        );
      notes.push(
        added.ok
          ? `The session’s current run was added to the comparison as “${added.run.name}”.`
          : `The session’s current run was not added to the comparison: ${added.message}`,
      );
    }
  }

  useConfigStore.getState().applyQuery(configToQuery(session.config));

  if (session.datasets) {
    const handler = sessionDatasetsHandler();
    if (handler) handler.restore(session.datasets.value);
    else
      notes.push('The file holds datasets, which this version of Pipeline Lab does not restore.');
  }
  if (session.preferences) {
    notes.push('Your display settings were kept (the file’s are not applied).');
  }
  return notes;
}
