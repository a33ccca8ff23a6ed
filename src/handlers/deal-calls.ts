import { Calls } from '../contracts/calls';
import { createDeal } from '../usecases/deals/create-deal';
import { archiveDeal, loseDeal, moveDeal, reopenDeal, winDeal } from '../usecases/deals/move-deal';
import { getDeal, getTotals, listDeals, loadBoard, searchDeals } from '../usecases/deals/read-deals';
import { updateDeal } from '../usecases/deals/update-deal';
import { enableCrm, getPipeline, queueTotalsRebuild, rebuildProjectTotals, updatePipeline } from '../usecases/pipelines';
import { projectContext } from '../usecases/projects';
import { defineCall } from './define-call';

/** Deals, pipelines and totals: thin handlers, each one use case (parse and envelope in defineCall). */
export const dealCalls = [
  defineCall(Calls.deals.create, (input, ctx) => createDeal(ctx, input)),
  defineCall(Calls.deals.update, (input, ctx) => updateDeal(ctx, input)),
  defineCall(Calls.deals.move, (input, ctx) => moveDeal(ctx, input)),
  defineCall(Calls.deals.win, (input, ctx) => winDeal(ctx, input)),
  defineCall(Calls.deals.lose, (input, ctx) => loseDeal(ctx, input)),
  defineCall(Calls.deals.reopen, (input, ctx) => reopenDeal(ctx, input)),
  defineCall(Calls.deals.archive, (input, ctx) => archiveDeal(ctx, input)),
  defineCall(Calls.deals.get, (input, ctx) => getDeal(ctx, input)),
  defineCall(Calls.deals.list, (input, ctx) => listDeals(ctx, input)),
  defineCall(Calls.deals.board, (input, ctx) => loadBoard(ctx, input)),
  defineCall(Calls.deals.search, (input, ctx) => searchDeals(ctx, input)),
  defineCall(Calls.projects.context, (input, ctx) => projectContext(ctx, input.projectKey)),
  defineCall(Calls.pipelines.get, (input, ctx) => getPipeline(ctx, input.projectKey)),
  defineCall(Calls.pipelines.enable, (input, ctx) => enableCrm(ctx, input.projectKey)),
  defineCall(Calls.pipelines.update, (input, ctx) => updatePipeline(ctx, input)),
  defineCall(Calls.totals.get, (input, ctx) => getTotals(ctx, input)),
  defineCall(Calls.totals.rebuild, (input, ctx) => rebuildProjectTotals(ctx, input.projectKey)),
  defineCall(Calls.totals.rebuildLater, (input, ctx) => queueTotalsRebuild(ctx, input.projectKey)),
];
