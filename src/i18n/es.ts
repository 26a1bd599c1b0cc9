// El catálogo en español: los mensajes de cada área, juntos. Ningún mensaje vive aquí;
// cada uno está en su archivo de área, ./areas/<prefijo>.ts, junto al inglés.

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
import type { MessageKey } from "./en.js";

export const es: Readonly<Record<MessageKey, string>> = {
  ...aws.es,
  ...cli.es,
  ...cluster.es,
  ...cost.es,
  ...database.es,
  ...deploy.es,
  ...diagram.es,
  ...error.es,
  ...exportArea.es,
  ...gateway.es,
  ...help.es,
  ...image.es,
  ...images.es,
  ...kube.es,
  ...learnerLab.es,
  ...load.es,
  ...local.es,
  ...logs.es,
  ...network.es,
  ...nodes.es,
  ...notes.es,
  ...outputs.es,
  ...ownership.es,
  ...plan.es,
  ...prompt.es,
  ...registry.es,
  ...site.es,
  ...run.es,
  ...smoke.es,
  ...state.es,
  ...status.es,
  ...step.es,
  ...table.es,
  ...teach.es,
  ...teardown.es,
  ...ui.es,
  ...validation.es,
  ...warning.es,
};
