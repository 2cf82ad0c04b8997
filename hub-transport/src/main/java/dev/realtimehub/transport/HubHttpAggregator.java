package dev.realtimehub.transport;

import dev.realtimehub.transport.http.HttpResponses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** Aggregates HTTP requests up to the body limit; a larger one gets 413 with a JSON error naming the limit. */
final class HubHttpAggregator extends HttpObjectAggregator {

    private final int maxBodyBytes;

    HubHttpAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        if (isContentLengthInvalid(start, maxContentLength)) {
            // no bare 413 from Netty for 'Expect: 100-continue': handleOversizedMessage answers with the JSON one
            return null;
        }
        return super.newContinueResponse(start, maxContentLength, pipeline);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (oversized instanceof HttpRequest request) {
            // the rest of the body is not read: answer and close
            HttpResponses.error(ctx, false, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "Body too large: at most " + maxBodyBytes + " bytes (publish.max-body-bytes)")
                    .addListener(ChannelFutureListener.CLOSE);
            HttpUtil.setKeepAlive(request, false);
        } else {
            ctx.close();
        }
    }
}
