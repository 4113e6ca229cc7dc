/**
 * An `\i` / `\ir` that reaches into another project's folder (a shared SQL library) is a static
 * dependency, so that `nx affected` selects the database project when the library changes.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { DependencyType, type CreateDependencies, type RawProjectGraphDependency } from '@nx/devkit';
import type { PgshiftPluginOptions } from './options';
import { resolveInclude, scanIncludes } from './includes';

export const createDependencies: CreateDependencies<PgshiftPluginOptions> = (_options, context) => {
  const roots = Object.entries(context.projects)
    .map(([name, project]) => ({ name, root: project.root === '.' ? '' : project.root }))
    .sort((a, b) => b.root.length - a.root.length);
  const ownerOf = (file: string) => roots.find((r) => r.root === '' || file === r.root || file.startsWith(`${r.root}/`))?.name;
  const edges = new Map<string, RawProjectGraphDependency>();
  for (const [source, files] of Object.entries(context.filesToProcess.projectFileMap)) {
    const project = context.projects[source];
    const pgshiftTarget = Object.values(project?.targets ?? {}).find((t) => t.executor?.startsWith('pgshift:'));
    if (!project || !pgshiftTarget) continue;
    const baseDir = typeof pgshiftTarget.options?.dir === 'string' ? pgshiftTarget.options.dir : project.root;
    for (const { file } of files) {
      if (!file.endsWith('.sql')) continue;
      let text: string;
      try {
        text = readFileSync(path.join(context.workspaceRoot, file), 'utf8');
      } catch {
        continue;
      }
      for (const include of scanIncludes(text)) {
        const reached = resolveInclude(include, file, baseDir);
        if (reached.startsWith('../')) continue;
        const target = ownerOf(reached);
        if (target === undefined || target === source) continue;
        const key = `${source}\0${target}\0${file}`;
        if (!edges.has(key)) edges.set(key, { source, target, sourceFile: file, type: DependencyType.static });
      }
    }
  }
  return [...edges.values()];
};
