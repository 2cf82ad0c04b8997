package dev.realtimehub.examples.boot;

import dev.realtimehub.core.broadcast.Broadcasts;
import dev.realtimehub.core.bus.EventBus;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application's own REST API; every change is pushed to the browsers watching the topic, through the beans the
 * starter provides.
 */
@RestController
public class RulesController {

    private final Broadcasts broadcasts;
    private final EventBus eventBus;

    public RulesController(Broadcasts broadcasts, EventBus eventBus) {
        this.broadcasts = broadcasts;
        this.eventBus = eventBus;
    }

    /** Updates a rule (here: only announces it) and answers the event's seq on {@code rules}. */
    @PutMapping("/rules/{id}")
    public Map<String, Object> updateRule(@PathVariable long id, @RequestBody Map<String, Object> changes) {
        long seq = broadcasts.ruleChange(id, "updated", changes).join();
        return Map.of("rule_id", id, "seq", seq);
    }

    /** Records an order; {@code ORDER_CREATED} goes to {@code orders} by the {@code bus.routes} of application.yml. */
    @PostMapping("/orders")
    public Map<String, Object> createOrder(@RequestBody Map<String, Object> order) {
        eventBus.emit("ORDER_CREATED", order);
        return Map.of("accepted", true);
    }
}
