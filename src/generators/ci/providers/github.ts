/**
 * GitHub Actions: one workflow, a check job on pull requests and a release job on v* tags. pgTAP
 * goes into the service container (the postgres image is Debian with the PGDG apt repository), so
 * the tests load it with CREATE EXTENSION as on a production server.
 */
import { ENGINE_ENV, MARKER, SERVICE_DATABASE_URL_ENV, SERVICE_PASSWORD, serviceUrl, TARGET_ENV, type Pipeline, type Provider } from '../pipeline';

const expr = (expression: string) => `\${{ ${expression} }}`;

function setupNode(p: Pipeline): string {
  return `      - uses: actions/setup-node@v4
        with:
          node-version: '${p.nodeVersion}'
          cache: npm`;
}

function render(p: Pipeline): string {
  return `${MARKER}
name: pgshift

on:
  pull_request:
  push:
    tags:
      - 'v*'

permissions:
  contents: read

env:
  NX_DAEMON: 'false'

jobs:
  check:
    name: diff and test the affected database projects
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    services:
      postgres:
        image: ${p.postgresImage}
        env:
          POSTGRES_PASSWORD: ${SERVICE_PASSWORD}
        ports:
          - 5432:5432
        options: >-
          --health-cmd pg_isready
          --health-interval 5s
          --health-timeout 5s
          --health-retries 20
    env:
      ${ENGINE_ENV}: server
      ${SERVICE_DATABASE_URL_ENV}: ${serviceUrl('localhost')}
      NX_BASE: ${expr('github.event.pull_request.base.sha')}
      NX_HEAD: ${expr('github.sha')}
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
${setupNode(p)}
      - name: pgTAP in the PostgreSQL service
        run: docker exec ${expr('job.services.postgres.id')} sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "postgresql-$PG_MAJOR-pgtap"'
      - run: npm ci
      - run: ${p.check}

  release:
    name: deploy and verify every database project
    if: startsWith(github.ref, 'refs/tags/v')
    runs-on: ubuntu-latest
    concurrency:
      group: pgshift-release
      cancel-in-progress: false
    env:
      ${TARGET_ENV}: ${expr(`secrets.${p.targetSecret}`)}
    steps:
      - uses: actions/checkout@v4
${setupNode(p)}
      - run: npm ci
${p.release.map((command) => `      - run: ${command}`).join('\n')}
`;
}

export const github: Provider = {
  secretKind: 'repository secret',
  file: '.github/workflows/pgshift.yml',
  render,
};
