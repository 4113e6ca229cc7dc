import { parseConfig, projectSettings, resolveIdentity, setConfigValue, SqitchConfig, loadConfig } from '../src';
import { cleanup, tempDir, write } from './helpers';

// What `sqitch init flipr --engine pg` writes.
const initConf = '[core]\n\tengine = pg\n\t# plan_file = sqitch.plan\n\t# top_dir = .\n# [engine "pg"]\n\t# target = db:pg:\n\t# registry = sqitch\n\t# client = psql\n';

describe('sqitch.conf', () => {
  test('reads sections, subsections, quotes, escapes and comments', () => {
    const c = parseConfig(
      '[core]\n  Engine = pg ; trailing comment\n[engine "pg"]\n\ttarget = prod\n\tregistry = "my # registry"\n[target "prod"]\n\turi = db:pg://u:p@h/db\n[user]\n\tname = "Ann \\"A\\" Planner"\n',
    );
    const cfg = new SqitchConfig([c]);
    expect(cfg.get('core.engine')).toBe('pg');
    expect(cfg.get('engine.pg.registry')).toBe('my # registry');
    expect(cfg.get('user.name')).toBe('Ann "A" Planner');
    expect(cfg.subsections('target')).toEqual(['prod']);
    const settings = projectSettings(cfg, { dir: '/p' });
    expect(settings).toMatchObject({ target: 'db:pg://u:p@h/db', registry: 'my # registry', planFile: '/p/sqitch.plan', deployDir: '/p/deploy' });
  });

  test('a line outside any section is an error naming file:line', () => {
    expect(() => parseConfig('engine = pg\n', 'db/sqitch.conf')).toThrow(/db\/sqitch.conf:1/);
  });

  test('setting values edits only the affected lines of what sqitch init wrote', () => {
    let text = setConfigValue(initConf, 'core.plan_file', 'db/sqitch.plan');
    expect(text).toBe(initConf.replace('\tengine = pg\n', '\tengine = pg\n\tplan_file = db/sqitch.plan\n'));
    text = setConfigValue(text, 'engine.pg.target', 'db:pg://h/db');
    expect(text.endsWith('[engine "pg"]\n\ttarget = db:pg://h/db\n')).toBe(true);
    text = setConfigValue(text, 'engine.pg.target', 'dev');
    expect(new SqitchConfig([parseConfig(text)]).get('engine.pg.target')).toBe('dev');
    expect(text.match(/^\ttarget = /gm)).toHaveLength(1);
    expect(parseConfig(setConfigValue(text, 'user.name', ' spaced # name ')).entries.at(-1)!.value).toBe(' spaced # name ');
  });

  test('identity: SQITCH_FULLNAME first, then sqitch.conf, then git, then the system user', () => {
    const dir = tempDir();
    try {
      write(dir, 'sqitch.conf', '[user]\n\tname = Conf Name\n\temail = conf@example.com\n');
      write(dir, 'home/.gitconfig', '[user]\n\tname = Git Name\n\temail = git@example.com\n');
      const base = { HOME: `${dir}/home`, PATH: process.env.PATH, USER: 'sysuser' };
      const config = loadConfig({ dir, env: base });
      expect(resolveIdentity({ dir, config, env: { ...base, SQITCH_FULLNAME: 'Env Name', SQITCH_EMAIL: 'env@example.com' } })).toEqual({ name: 'Env Name', email: 'env@example.com' });
      expect(resolveIdentity({ dir, config, env: base })).toEqual({ name: 'Conf Name', email: 'conf@example.com' });
      const empty = new SqitchConfig([]);
      expect(resolveIdentity({ dir, config: empty, env: base })).toEqual({ name: 'Git Name', email: 'git@example.com' });
      const none = { ...base, HOME: `${dir}/nohome`, GIT_CONFIG_NOSYSTEM: '1' };
      expect(resolveIdentity({ dir, config: empty, env: none }).email).toMatch(/^sysuser@/);
    } finally {
      cleanup(dir);
    }
  });
});
