package dev.realtimehub.redis;

import dev.realtimehub.core.broker.BrokerContractTest;
import dev.realtimehub.core.spi.Broker;
import dev.realtimehub.core.spi.Clock;
import dev.realtimehub.core.topics.TopicConfig;
import java.util.Collection;

/** The broker contract against the Redis on 127.0.0.1:6379, in a key prefix of its own that is deleted afterwards. */
class RedisBrokerContractTest extends BrokerContractTest {

    private final TestRedis redis = TestRedis.shared();
    private String prefix;

    @Override
    protected Broker newBroker(Collection<TopicConfig> topics, Clock clock) {
        prefix = TestRedis.uniquePrefix();
        return new RedisBroker(RedisSettings.of(redis.uri()).withKeyPrefix(prefix), topics, clock);
    }

    @Override
    protected void cleanUp() {
        redis.deleteKeys(prefix);
    }
}
