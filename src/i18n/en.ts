// The English catalogue: every area's messages merged. No message lives here;
// each is in its area file, ./areas/<prefix>.ts (see ./index.ts for how to add one).

import * as aws from "./areas/aws.js";
import * as cli from "./areas/cli.js";
import * as cluster from "./areas/cluster.js";
import * as cost from "./areas/cost.js";
import * as database from "./areas/database.js";
import * as deploy from "./areas/deploy.js";
import * as diagram from "./areas/diagram.js";
import * as error from "./areas/error.js";
import * as exportArea from "./areas/export.js";
import * as gateway from "./areas/gateway.js";
import * as help from "./areas/help.js";
import * as image from "./areas/image.js";
import * as images from "./areas/images.js";
import * as kube from "./areas/kube.js";
import * as learnerLab from "./areas/learner-lab.js";
import * as load from "./areas/load.js";
import * as local from "./areas/local.js";
import * as logs from "./areas/logs.js";
import * as network from "./areas/network.js";
import * as nodes from "./areas/nodes.js";
import * as notes from "./areas/notes.js";
import * as outputs from "./areas/outputs.js";
import * as ownership from "./areas/ownership.js";
import * as plan from "./areas/plan.js";
import * as prompt from "./areas/prompt.js";
import * as registry from "./areas/registry.js";
import * as run from "./areas/run.js";
import * as site from "./areas/site.js";
import * as smoke from "./areas/smoke.js";
import * as state from "./areas/state.js";
import * as status from "./areas/status.js";
import * as step from "./areas/step.js";
import * as table from "./areas/table.js";
import * as teach from "./areas/teach.js";
import * as teardown from "./areas/teardown.js";
import * as ui from "./areas/ui.js";
import * as validation from "./areas/validation.js";
import * as warning from "./areas/warning.js";

export const en = {
  ...aws.en,
  ...cli.en,
  ...cluster.en,
  ...cost.en,
  ...database.en,
  ...deploy.en,
  ...diagram.en,
  ...error.en,
  ...exportArea.en,
  ...gateway.en,
  ...help.en,
  ...image.en,
  ...images.en,
  ...kube.en,
  ...learnerLab.en,
  ...load.en,
  ...local.en,
  ...logs.en,
  ...network.en,
  ...nodes.en,
  ...notes.en,
  ...outputs.en,
  ...ownership.en,
  ...plan.en,
  ...prompt.en,
  ...registry.en,
  ...site.en,
  ...run.en,
  ...smoke.en,
  ...state.en,
  ...status.en,
  ...step.en,
  ...table.en,
  ...teach.en,
  ...teardown.en,
  ...ui.en,
  ...validation.en,
  ...warning.en,
};

export type MessageKey = keyof typeof en;
