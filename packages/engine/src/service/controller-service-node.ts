import type { ControllerServiceConfig } from '@sluice/flow-schema';
import type { BulletinBoard } from '../bulletins/bulletin-board.js';
import type { ControllerServiceState, EngineEvents } from '../events/engine-events.js';
import type { ComponentLog, LogLevel } from '../processor/process-context.js';
import type { ValidationIssue } from '../processor/processor-definition.js';
import { StandardProcessContext } from '../processor/standard-process-context.js';
import { validateProperties } from '../processor/validate-properties.js';
import type { StartResult } from '../controller/processor-node.js';
import type {
  AnyControllerServiceDefinition,
  ServiceContext,
} from './controller-service-definition.js';

/** Engine services a controller service node uses. */
export interface ServiceNodeServices {
  readonly bulletins: BulletinBoard;
  readonly events: EngineEvents;
  parameter(name: string): string | undefined;
  parameterExists(name: string): boolean;
}

/**
 * One controller service of a flow: its configuration, its state, and, while enabled, the
 * instance processors use. A service can be enabled only when valid, and reconfigured only
 * when disabled (NiFi's rules), so a running processor never sees its client change underneath.
 */
export class ControllerServiceNode {
  #state: ControllerServiceState = 'DISABLED';
  #instance: unknown;
  #transition: Promise<unknown> = Promise.resolve();

  constructor(
    public config: ControllerServiceConfig,
    readonly definition: AnyControllerServiceDefinition,
    private readonly services: ServiceNodeServices,
    /** Set when the type is unknown: the service exists so the flow loads, but never enables. */
    readonly loadProblem?: string,
  ) {}

  get id(): string {
    return this.config.id;
  }

  get state(): ControllerServiceState {
    return this.#state;
  }

  /** The API name this service provides. */
  get provides(): string {
    return this.definition.provides.name;
  }

  /** The enabled instance; throws a readable error when the service is not enabled. */
  instance(): unknown {
    if (this.#state !== 'ENABLED') {
      throw new Error(
        `Controller service '${this.config.name}' is ${this.#state.toLowerCase()}; enable it first`,
      );
    }
    return this.#instance;
  }

  /** Everything that keeps this service from being enabled. */
  validate(): ValidationIssue[] {
    if (this.loadProblem) return [{ message: this.loadProblem }];
    return validateProperties(
      this.definition,
      this.config.properties,
      (n) => this.services.parameterExists(n),
      undefined,
      this.config.sensitiveDynamicProperties,
    );
  }

  /** Enables the service, or says why it cannot. Concurrent calls run one after another. */
  enable(): Promise<StartResult> {
    return this.#serially(async () => {
      if (this.#state === 'ENABLED') return { ok: true } as const;
      const issues = this.validate();
      if (issues.length > 0) {
        return {
          ok: false,
          reasons: issues.map((i) =>
            i.property ? `${this.#propertyName(i.property)}: ${i.message}` : i.message,
          ),
        } as const;
      }
      this.#setState('ENABLING');
      try {
        this.#instance = await this.definition.enable(this.#context());
        this.#setState('ENABLED');
        return { ok: true } as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#setState('DISABLED');
        this.#log('ERROR', `Could not be enabled: ${message}`);
        return { ok: false, reasons: [message] } as const;
      }
    });
  }

  /** Disables the service and releases its instance; the caller has stopped its processors. */
  disable(): Promise<void> {
    return this.#serially(async () => {
      if (this.#state !== 'ENABLED') return;
      this.#setState('DISABLING');
      try {
        await this.definition.disable?.(this.#instance);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.#log('WARN', `Error while disabling: ${message}`);
      } finally {
        this.#instance = undefined;
        this.#setState('DISABLED');
      }
    });
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#transition.then(work, work);
    this.#transition = next.catch(() => undefined);
    return next;
  }

  #propertyName(key: string): string {
    return this.definition.properties[key]?.name ?? key;
  }

  #context(): ServiceContext {
    const context = new StandardProcessContext({
      id: this.id,
      name: this.config.name,
      definition: this.definition,
      properties: this.config.properties,
      parameter: (name) => this.services.parameter(name),
      log: this.#componentLog(),
      signal: new AbortController().signal,
      yield: () => undefined,
    });
    return {
      serviceId: this.id,
      serviceName: this.config.name,
      raw: (key) => context.raw(key),
      hasExpression: (key) => context.hasExpression(key),
      property: (key) => context.property(key),
      requiredProperty: (key) => context.requiredProperty(key),
      log: context.log,
    };
  }

  #setState(state: ControllerServiceState): void {
    this.#state = state;
    this.services.events.emit({ type: 'serviceState', serviceId: this.id, state });
  }

  #componentLog(): ComponentLog {
    return {
      debug: () => undefined,
      info: () => undefined,
      warn: (m) => this.#log('WARN', m),
      error: (m) => this.#log('ERROR', m),
    };
  }

  #log(level: LogLevel, message: string): void {
    const bulletin = this.services.bulletins.post({
      level,
      componentId: this.id,
      componentName: this.config.name,
      componentType: this.definition.type,
      message,
    });
    this.services.events.emit({ type: 'bulletin', bulletin });
  }
}
