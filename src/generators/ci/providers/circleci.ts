/**
 * CircleCI: a check workflow on every branch but the main one (CircleCI builds pull requests as
 * branch pushes, and runs no workflow for a tag without tag filters) and a release workflow for v*
 * tags only. The secondary container shares localhost with the job and is not waited for.
 */
import {
  ENGINE_ENV,
  jobImage,
  MARKER,
  PGTAP_SCRIPT_FROM_DEBIAN,
  SERVICE_DATABASE_URL_ENV,
  SERVICE_PASSWORD,
  serviceUrl,
  TARGET_ENV,
  type Pipeline,
  type Provider,
} from '../pipeline';

const NPM_CACHE_KEY = `'npm-{{ checksum "package-lock.json" }}'`;
const WAIT_FOR_POSTGRES =
  'for i in $(seq 1 60); do (echo > /dev/tcp/localhost/5432) 2>/dev/null && exit 0; sleep 1; done; echo "PostgreSQL did not start on localhost:5432" >&2; exit 1';

function install(): string {
  return `      - checkout
      - restore_cache:
          keys:
            - ${NPM_CACHE_KEY}
      - run: npm ci
      - save_cache:
          key: ${NPM_CACHE_KEY}
          paths:
            - ~/.npm`;
}

function render(p: Pipeline): string {
  return `${MARKER}
version: 2.1

jobs:
  check:
    docker:
      - image: ${jobImage(p.nodeVersion)}
      - image: ${p.postgresImage}
        environment:
          POSTGRES_PASSWORD: ${SERVICE_PASSWORD}
    environment:
      NX_DAEMON: "false"
      ${ENGINE_ENV}: server
      ${SERVICE_DATABASE_URL_ENV}: ${serviceUrl('localhost')}
    steps:
${install()}
      - run:
          name: pgTAP install script
          command: ${PGTAP_SCRIPT_FROM_DEBIAN}
      - run:
          name: Wait for PostgreSQL
          command: ${WAIT_FOR_POSTGRES}
      - run: ${p.check} --base=origin/${p.mainBranch} --head=HEAD

  release:
    docker:
      - image: ${jobImage(p.nodeVersion)}
    environment:
      NX_DAEMON: "false"
    steps:
${install()}
${p.release.map((command) => `      - run: ${TARGET_ENV}="$${p.targetSecret}" ${command}`).join('\n')}

workflows:
  check:
    jobs:
      - check:
          filters:
            branches:
              ignore: ${p.mainBranch}
  release:
    jobs:
      - release:
          filters:
            tags:
              only: /^v.*/
            branches:
              ignore: /.*/
`;
}

export const circleci: Provider = {
  secretKind: 'project environment variable or context variable',
  file: '.circleci/config.yml',
  render,
};
