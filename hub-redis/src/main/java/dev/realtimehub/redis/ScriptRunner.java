package dev.realtimehub.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs a Lua script by its SHA-1 and falls back to sending it whole when Redis does not know it (after a restart
 * Redis forgets loaded scripts). Thread-safe.
 */
final class ScriptRunner {

    private final RedisAsyncCommands<String, String> commands;
    private final String script;
    private final String sha;

    ScriptRunner(RedisAsyncCommands<String, String> commands, String script) {
        this.commands = commands;
        this.script = script;
        this.sha = commands.digest(script);
    }

    /** Runs the script; completes with its multi-bulk reply. */
    CompletableFuture<List<Object>> run(String[] keys, String... args) {
        CompletableFuture<List<Object>> first = commands.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture();
        return first.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                return commands.<List<Object>>eval(script, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<List<Object>>failedFuture(cause);
        }).thenCompose(f -> f);
    }
}
