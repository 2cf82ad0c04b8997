package dev.realtimehub.core.broker;

import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Collection;

class MemoryBrokerContractTest extends BrokerContractTest {

    @Override
    protected Broker newBroker(Collection<TopicConfig> topics, Clock clock) {
        return new MemoryBroker(clock);
    }
}
