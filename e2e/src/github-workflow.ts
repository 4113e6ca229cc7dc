/**
 * A GitHub Actions job run on this machine: its `run:` steps in order, in one working copy, with the
 * workflow's and the job's `env:`. `uses:` steps (checkout, setup-node) and steps that reach into a
 * service container are GitHub's plumbing and are skipped; every `${{ expression }}` takes the value
 * the caller gives, and one it does not give fails the run.
 */
import { spawnSync } from 'child_process';

export interface WorkflowJob {
  if?: string;
  env?: Record<string, string>;
  services?: Record<string, unknown>;
  steps: { uses?: string; run?: string }[];
}

export interface Workflow {
  env?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

export interface JobRun {
  cwd: string;
  /** The machine's environment the job starts from. */
  env: NodeJS.ProcessEnv;
  expressions: Record<string, string>;
  /** For a job with service containers: the job variables that point at them, pointed at this machine instead. */
  services?: NodeJS.ProcessEnv;
  /** Steps to leave out because an earlier job already ran them in this working copy. */
  skip?: (run: string) => boolean;
}

export function expand(text: string, expressions: Record<string, string>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const value = expressions[expression];
    if (value === undefined) throw new Error(`no value for \${{ ${expression} }}`);
    return value;
  });
}

/** The job's steps that ran, with their output; the first failing step throws. */
export function runJob(workflow: Workflow, job: WorkflowJob, options: JobRun): { run: string; output: string }[] {
  const env: NodeJS.ProcessEnv = { ...options.env };
  for (const [name, value] of Object.entries({ ...workflow.env, ...job.env })) env[name] = expand(String(value), options.expressions);
  if (job.services !== undefined) Object.assign(env, options.services);
  const ran: { run: string; output: string }[] = [];
  for (const step of job.steps) {
    if (step.uses !== undefined || step.run === undefined || step.run.includes('job.services.') || options.skip?.(step.run)) continue;
    const result = spawnSync('bash', ['-e', '-c', expand(step.run, options.expressions)], { cwd: options.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
    if (result.status !== 0) throw new Error(`step \`${step.run}\` exited ${result.status}:\n${output}`);
    ran.push({ run: step.run, output });
  }
  return ran;
}
