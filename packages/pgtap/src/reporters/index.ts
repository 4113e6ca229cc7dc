import { formatFile, formatRun, formatSummary } from './terminal';
import { toJunitXml } from './junit';

export type { TerminalOptions } from './terminal';
export type { JunitOptions } from './junit';
export { formatFile, formatRun, formatSummary, toJunitXml };

export const reporters = {
  terminal: { formatFile, formatSummary, formatRun },
  junit: { toXml: toJunitXml },
};
