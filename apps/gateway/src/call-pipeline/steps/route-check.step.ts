import { Injectable } from '@nestjs/common';
import { PublicRoute, RouteCheckName } from '@keygate/contracts';
import { contentReadPlan, searchPlan } from '../../route-checks/scoped-reads';
import { GraphqlOperationCheck } from '../../graphql/graphql-operation.check';
import { ForwardPlan } from '../../route-checks/forward-plan';
import { CallStep } from '../call-pipeline';
import { RouteCheck, RouteCheckCall } from '../../route-checks/route-check';

type Needs = RouteCheckCall & {
  route: Pick<PublicRoute, 'check'>;
  // A check may read the body (GraphQL): a declared size over the limit is refused before.
  bodySizeChecked: true;
};

/**
 * The route's own check, named in the public route table: a scoped key's reads narrowed and
 * their answers checked (content-scope/), a GraphQL operation mapped to permissions (graphql/).
 * Every name has its check here, or this does not compile.
 */
@Injectable()
export class RouteCheckStep implements CallStep<Needs, { plan: ForwardPlan }> {
  private readonly checks: Record<RouteCheckName, RouteCheck>;

  constructor(graphql: GraphqlOperationCheck) {
    this.checks = {
      none: () => undefined,
      'scoped-content-read': ({ request, principal, target }) =>
        contentReadPlan(principal.key, request.method, target),
      'scoped-search': ({ request, principal, target }) =>
        searchPlan(principal.key, request.method, target),
      'graphql-operation': (call) => graphql.check(call),
    };
  }

  readonly run = async (call: Needs) => ({
    plan: (await this.checks[call.route.check](call)) ?? {},
  });
}
