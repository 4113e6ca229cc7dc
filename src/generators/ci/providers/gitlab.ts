/**
 * GitLab CI/CD: merge request pipelines and tag pipelines only (workflow:rules), so a branch with
 * an open merge request does not run twice. Job variables reach the service container too.
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

const MERGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"';
const RELEASE_TAG = '$CI_COMMIT_TAG =~ /^v/';

function render(p: Pipeline): string {
  return `${MARKER}
workflow:
  rules:
    - if: ${MERGE_REQUEST}
    - if: ${RELEASE_TAG}

variables:
  NX_DAEMON: "false"

default:
  image: ${jobImage(p.nodeVersion)}
  cache:
    key:
      files:
        - package-lock.json
    paths:
      - .npm/
  before_script:
    - npm ci --cache .npm --prefer-offline

check:
  stage: test
  rules:
    - if: ${MERGE_REQUEST}
  services:
    - name: ${p.postgresImage}
      alias: postgres
      variables:
        POSTGRES_PASSWORD: ${SERVICE_PASSWORD}
  variables:
    GIT_DEPTH: "0"
    ${ENGINE_ENV}: server
    ${SERVICE_DATABASE_URL_ENV}: ${serviceUrl('postgres')}
  script:
    - ${PGTAP_SCRIPT_FROM_DEBIAN}
    - ${p.check} --base=$CI_MERGE_REQUEST_DIFF_BASE_SHA --head=HEAD

release:
  stage: deploy
  rules:
    - if: ${RELEASE_TAG}
  resource_group: pgshift-release
  script:
${p.release.map((command) => `    - ${TARGET_ENV}="$${p.targetSecret}" ${command}`).join('\n')}
`;
}

export const gitlab: Provider = {
  secretKind: 'masked CI/CD variable (when it is protected, protect the v* tags too)',
  file: '.gitlab-ci.yml',
  render,
};
