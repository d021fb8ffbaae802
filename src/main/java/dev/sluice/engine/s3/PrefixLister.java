package dev.sluice.engine.s3;

import dev.sluice.event.S3Event.ClientKind;
import dev.sluice.event.S3Event.Lifecycle;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Lists a prefix with a short-lived sync client and turns failures into clear messages. */
final class PrefixLister {

    private PrefixLister() {
    }

    static List<ListedObject> list(S3ClientFactory factory, ClientOptions options) throws S3EngineException {
        S3Target target = factory.target();
        ClientOptions listing = new ClientOptions(ClientKind.SYNC, Lifecycle.SHARED, 1, false, false, 1, 1,
                options.apiCallTimeout());
        List<ListedObject> out = new ArrayList<>();
        try (S3ClientHandle lister = factory.create(listing)) {
            String token = null;
            do {
                ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(target.bucket()).prefix(target.prefix());
                if (token != null) {
                    req.continuationToken(token);
                }
                ListObjectsV2Response page = lister.syncClient().listObjectsV2(req.build());
                for (S3Object o : page.contents()) {
                    if (!o.key().endsWith("/")) {
                        out.add(new ListedObject(o.key(), o.size(), o.eTag() == null ? "" : o.eTag().replace("\"", "")));
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
        } catch (NoSuchBucketException e) {
            throw new S3EngineException("bucket '" + target.bucket() + "' does not exist at " + target.description(), e);
        } catch (RuntimeException e) {
            throw explain(target, e);
        }
        return out;
    }

    static S3EngineException explain(S3Target target, Throwable e) {
        if (Failures.isAuthentication(e)) {
            return new S3EngineException("authentication failed listing " + target.where()
                    + ": the server rejected the credentials (" + Failures.describe(e)
                    + "); check the access key and secret of the credentials profile", e);
        }
        if (Failures.isUnreachable(e)) {
            return new S3EngineException("cannot reach the S3 endpoint " + target.description() + " to list s3://"
                    + target.bucket() + "/" + target.prefix() + ": " + Failures.describe(e)
                    + "; check s3.endpoint and that the server is running", e);
        }
        return new S3EngineException("listing " + target.where() + " failed: " + Failures.describe(e), e);
    }
}
