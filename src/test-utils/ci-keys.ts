/**
 * The keys GitLab and CircleCI document for their pipeline files, at the levels the generated files
 * use them, and a checker that lists every key a parsed file uses outside those lists.
 *
 * GitLab: "CI/CD YAML syntax reference" (docs.gitlab.com/ci/yaml/): global keywords, job keywords,
 * the keywords `default` accepts, `workflow`, `rules`, `cache` and `cache:key`, and the settings of a
 * `services` entry ("Available settings for services", docs.gitlab.com/ci/services/).
 * CircleCI: "Configuration reference" (circleci.com/docs/reference/configuration-reference/): the
 * top-level keys, `<job_name>`, `docker`, the steps and their keys, `workflows`, a job in a workflow
 * and its `filters`.
 */
export type KeyTree = { keys: readonly string[]; children?: Record<string, KeyTree | ((value: unknown) => string[])> };

const gitlabJobKeys = [
  'after_script', 'allow_failure', 'artifacts', 'before_script', 'cache', 'coverage', 'dast_configuration', 'dependencies',
  'environment', 'extends', 'identity', 'image', 'inherit', 'interruptible', 'manual_confirmation', 'needs', 'pages',
  'parallel', 'release', 'resource_group', 'retry', 'rules', 'script', 'run', 'secrets', 'services', 'stage', 'start_in',
  'tags', 'timeout', 'trigger', 'variables', 'when',
] as const;
const gitlabGlobalKeys = ['default', 'include', 'stages', 'variables', 'workflow'] as const;
const gitlabDefaultKeys = [
  'after_script', 'artifacts', 'before_script', 'cache', 'hooks', 'id_tokens', 'image', 'interruptible', 'retry', 'services', 'tags', 'timeout',
] as const;
const gitlabRuleKeys = ['if', 'changes', 'exists', 'when', 'allow_failure', 'needs', 'variables', 'interruptible'] as const;
const gitlabCache: KeyTree = {
  keys: ['key', 'paths', 'untracked', 'unprotect', 'when', 'policy', 'fallback_keys'],
  children: { key: (value) => (typeof value === 'object' && value !== null ? unknownKeys(value, { keys: ['files', 'files_commits', 'prefix'] }, '') : []) },
};
const gitlabService = ['name', 'alias', 'entrypoint', 'command', 'variables', 'pull_policy', 'docker', 'kubernetes'] as const;

const eachOf = (tree: KeyTree) => (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((item, i) => (typeof item === 'object' && item !== null ? unknownKeys(item, tree, `[${i}]`) : [])) : [];

const gitlabJob: KeyTree = {
  keys: gitlabJobKeys,
  children: { rules: eachOf({ keys: gitlabRuleKeys }), cache: gitlabCache, services: eachOf({ keys: gitlabService }) },
};

/** Every top-level key of a .gitlab-ci.yml that is not a global keyword is a job. */
export function gitlabUnknownKeys(doc: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'workflow') problems.push(...unknownKeys(value, { keys: ['name', 'rules', 'auto_cancel'], children: { rules: eachOf({ keys: gitlabRuleKeys }) } }, key));
    else if (key === 'default') problems.push(...unknownKeys(value, { keys: gitlabDefaultKeys, children: { cache: gitlabCache, services: eachOf({ keys: gitlabService }) } }, key));
    else if (!(gitlabGlobalKeys as readonly string[]).includes(key)) problems.push(...unknownKeys(value, gitlabJob, key));
  }
  return problems;
}

const circleStepKeys: Record<string, readonly string[]> = {
  run: ['command', 'name', 'shell', 'environment', 'background', 'working_directory', 'no_output_timeout', 'when'],
  checkout: ['path'],
  save_cache: ['paths', 'key', 'name', 'when'],
  restore_cache: ['key', 'keys', 'name'],
  setup_remote_docker: ['docker_layer_caching', 'version'],
  store_artifacts: ['path', 'destination'],
  store_test_results: ['path'],
  persist_to_workspace: ['root', 'paths'],
  attach_workspace: ['at'],
  add_ssh_keys: ['fingerprints'],
  when: ['condition', 'steps'],
  unless: ['condition', 'steps'],
};

function circleSteps(value: unknown): string[] {
  if (!Array.isArray(value)) return [' (not a list)'];
  return value.flatMap((step, i): string[] => {
    if (typeof step === 'string') return step in circleStepKeys ? [] : [`[${i}] ${step}`];
    const entries = Object.entries(step as Record<string, unknown>);
    if (entries.length !== 1) return [`[${i}] (a step has one key)`];
    const [name, body] = entries[0]!;
    const keys = circleStepKeys[name];
    if (keys === undefined) return [`[${i}].${name}`];
    return typeof body === 'object' && body !== null ? unknownKeys(body, { keys }, `[${i}].${name}`) : [];
  });
}

const circleJob: KeyTree = {
  keys: ['docker', 'machine', 'macos', 'shell', 'parameters', 'steps', 'working_directory', 'parallelism', 'environment', 'resource_class'],
  children: {
    docker: eachOf({ keys: ['image', 'name', 'entrypoint', 'command', 'user', 'environment', 'auth', 'aws_auth'] }),
    steps: circleSteps,
  },
};

const circleFilter: KeyTree = { keys: ['only', 'ignore'] };
const circleWorkflowJob: KeyTree = {
  keys: ['requires', 'name', 'context', 'type', 'filters', 'matrix', 'pre-steps', 'post-steps'],
  children: { filters: { keys: ['branches', 'tags'], children: { branches: circleFilter, tags: circleFilter } } },
};

function circleWorkflowJobs(value: unknown): string[] {
  if (!Array.isArray(value)) return [' (not a list)'];
  return value.flatMap((job, i): string[] => {
    if (typeof job === 'string') return [];
    const [[name, body]] = Object.entries(job as Record<string, unknown>) as [[string, unknown]];
    return unknownKeys(body, circleWorkflowJob, `[${i}].${name}`);
  });
}

export function circleciUnknownKeys(doc: Record<string, unknown>): string[] {
  const map = (tree: KeyTree) => (value: unknown) =>
    Object.entries((value ?? {}) as Record<string, unknown>).flatMap(([name, body]) => unknownKeys(body, tree, name));
  return unknownKeys(doc, {
    keys: ['version', 'setup', 'orbs', 'commands', 'parameters', 'executors', 'jobs', 'workflows'],
    children: {
      jobs: map(circleJob),
      workflows: map({ keys: ['jobs', 'triggers', 'when', 'unless'], children: { jobs: circleWorkflowJobs } }),
    },
  }, '');
}

/** Paths (a.b.c) of the keys of `value` that `tree` does not list, recursively where it says how. */
export function unknownKeys(value: unknown, tree: KeyTree, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  const here = (key: string) => (at === '' ? key : `${at}.${key}`);
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    if (!tree.keys.includes(key)) return [here(key)];
    const rule = tree.children?.[key];
    if (rule === undefined) return [];
    if (typeof rule !== 'function') return unknownKeys(child, rule, here(key));
    return rule(child).map((p) => `${here(key)}${p.startsWith('[') || p.startsWith(' ') ? '' : '.'}${p}`);
  });
}
