// The test API server with the plant-a scenario playing its operators, and a ClusterClient of
// the real @kubernetes/client-node logged in as the installer's admin: what the bootstrap tests
// and the bench start from.
import * as k8s from '@kubernetes/client-node';
import { createClusterClient, type ClusterClient } from '../../../main/core/cluster/client';
import { startTestApiServer, type TestApiServer, type TestApiServerOptions } from '../api-server/index';
import { playPlantA, type PlantAScenario, type PlantAScenarioOptions } from './plant-a';

export interface PlantACluster {
  server: TestApiServer;
  client: ClusterClient;
  scenario: PlantAScenario;
  /** Stops the scenario and the server (ends every watch stream). */
  close(): Promise<void>;
}

export function clientFor(server: TestApiServer): ClusterClient {
  const kubeConfig = new k8s.KubeConfig();
  kubeConfig.loadFromString(server.kubeconfig({ server: server.url }));
  return createClusterClient(kubeConfig);
}

export async function startPlantACluster(options: PlantAScenarioOptions & { server?: TestApiServerOptions; before?: (server: TestApiServer) => void } = {}): Promise<PlantACluster> {
  const { server: serverOptions, before, ...scenarioOptions } = options;
  const server = await startTestApiServer(serverOptions);
  before?.(server);
  const scenario = playPlantA(server, scenarioOptions);
  return {
    server,
    client: clientFor(server),
    scenario,
    async close() {
      scenario.stop();
      await server.close();
    },
  };
}
