import { EngineError, type EngineErrorCode } from '../errors';

/** What went wrong with Docker, more precisely than the engine error code. */
export type DockerFailure = 'not-installed' | 'unreachable' | 'permission-denied' | 'image-not-found' | 'pull-failed' | 'port-clash' | 'container-failed';

const CODES: Record<DockerFailure, EngineErrorCode> = {
  'not-installed': 'ENGINE_CONNECT_FAILED',
  unreachable: 'ENGINE_CONNECT_FAILED',
  'permission-denied': 'ENGINE_CONNECT_FAILED',
  'image-not-found': 'ENGINE_OPTION_INVALID',
  'pull-failed': 'ENGINE_CONNECT_FAILED',
  'port-clash': 'ENGINE_CONNECT_FAILED',
  'container-failed': 'ENGINE_CONNECT_FAILED',
};

const OPTIONS: Partial<Record<DockerFailure, string>> = { 'image-not-found': 'image', 'pull-failed': 'image', 'port-clash': 'network' };

/** An engine error of engine "docker"; `failure` says which Docker problem it is. */
export class DockerEngineError extends EngineError {
  readonly failure: DockerFailure;

  constructor(failure: DockerFailure, message: string, cause?: unknown) {
    const option = OPTIONS[failure];
    super(CODES[failure], message, { ...(option === undefined ? {} : { option }), ...(cause === undefined ? {} : { cause }) });
    this.failure = failure;
  }
}

/** The advice that ends every Docker error: the other engines need no Docker. */
export const OTHER_ENGINES = 'or use engine "pglite" or "server"';
