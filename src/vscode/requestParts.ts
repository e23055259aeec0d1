import { createAskEngine } from '../app/askEngine';
import type { AskInput } from '../app/askFlow';
import { confirmAboveThreshold } from '../app/askConfirm';
import { createBudgetGate } from '../app/budgetGate';
import { createEligibility, type Eligibility } from '../app/eligibility';
import { columnEngine } from '../app/ensemble/columnEngine';
import type { PrivacyPorts } from '../app/privacy/requestPrivacy';
import { createRequestService, type RequestService } from '../app/requestService';
import { endpointOrigin } from '../core/privacy/endpointOrigin';
import { VSCODE_LM_PROVIDER_ID } from '../core/providers/vscodeLm/models';
import { systemClock } from '../core/ports';
import type { RouteDecision } from '../core/routing/routeDecision';
import * as vscode from 'vscode';
import { commandIds } from './commands/commandIds';
import type { ExtensionServices } from './extensionServices';
import { spendBudgetPorts } from './spend/spendBudget';
import { quickPickRouteConfirm } from './ask/routeConfirm';

/** The one request path and the one eligibility read, as every way in takes them. */
export interface RequestParts {
  /** Admit → decide → run → record, for Ask, code actions, chat, Compare, Vote and the cascade. */
  readonly requests: RequestService;
  /** Which models may take a request (keys, allowed providers, privacy globs, capabilities, availability). */
  readonly eligibility: Eligibility;
  /** Test hooks only: answers the budget's "Send anyway?" instead of the modal, and what it was asked. */
  readonly budgetPrompts: BudgetPromptTap;
}

/** Lets integration tests accept or decline a request that would cross a cap without a modal dialog. */
export class BudgetPromptTap {
  private answer: ((reason: string) => boolean) | undefined;
  readonly asked: string[] = [];

  answerWith(answer: ((reason: string) => boolean) | undefined): void {
    this.answer = answer;
  }

  /** The scripted answerer while a test set one, else `undefined` (the modal). */
  current(): ((reason: string) => boolean) | undefined {
    const answer = this.answer;
    return answer === undefined ? undefined : (reason) => (this.asked.push(reason), answer(reason));
  }
}

/**
 * Builds the request path from the services record, once per activation.
 * @param onDecision every routing decision, whatever way in made it ("Explain Last Route")
 */
export function requestParts(
  services: Pick<ExtensionServices, 'providers' | 'catalog' | 'runner' | 'settings' | 'discovery' | 'spend' | 'dataSent' | 'feedback' | 'logger' | 'exactCache'>,
  onDecision: (decision: RouteDecision, input: AskInput) => void,
): RequestParts {
  const eligibility = createEligibility({
    catalog: services.catalog,
    settings: services.settings,
    availableProviders: () => services.providers.availableIds(),
    localProviders: () => new Set(services.providers.descriptors().filter((d) => d.local).map((d) => d.id)),
    availability: (ref) => services.runner.availability.of(ref),
    discover: (available) => services.discovery.discover(available),
    feedback: (task) => services.feedback.offset(task),
  });
  const budgetPrompts = new BudgetPromptTap();
  const budget = createBudgetGate(spendBudgetPorts({ spend: services.spend, settings: services.settings, confirmOverride: () => budgetPrompts.current() }));
  const requests = createRequestService({
    engine: createAskEngine({ ...services, eligibility }),
    fanOut: { engine: columnEngine(services.runner, services.settings), clock: systemClock, pricingOf: (ref) => services.catalog().get(ref)?.pricing, logger: services.logger },
    catalog: services.catalog,
    budget,
    record: (draft) => void services.spend.record(draft),
    onDecision,
    privacy: privacyPorts(services),
    confirmRoute: confirmAboveThreshold(() => services.settings().ask.confirmAboveUsd, quickPickRouteConfirm),
    // A stored answer is given only while its model may still take the request under the current settings.
    exactCache: services.exactCache.ports(async (ref, request) => (await eligibility.problem([{ provider: ref.provider, model: ref.model }], request)) === undefined),
    batchClients: (id) => services.providers.batchClient(id),
    // Batch runs ask models the user picked, like a Compare.
    batchEligibility: (refs, messages) => eligibility.problem(refs, { messages, feature: 'compare' }),
  });
  return { requests, eligibility, budgetPrompts };
}

/** Secret screening's mode and warnings, and the data-sent log with each provider's origin. */
function privacyPorts(services: Pick<ExtensionServices, 'providers' | 'settings' | 'dataSent'>): PrivacyPorts {
  return {
    secretsMode: () => services.settings().privacy.secrets ?? 'redact',
    record: (draft) => services.dataSent.record(draft),
    originOf: (providerId) => {
      if (providerId === VSCODE_LM_PROVIDER_ID) return 'vscode.lm (VS Code language models)';
      const descriptor = services.providers.descriptors().find((d) => d.id === providerId);
      return descriptor === undefined ? undefined : endpointOrigin(descriptor);
    },
    warn: (message) => {
      void vscode.window.showWarningMessage(message, 'Show Data Sent').then((choice) => choice && vscode.commands.executeCommand(commandIds.showDataSent));
    },
  };
}
