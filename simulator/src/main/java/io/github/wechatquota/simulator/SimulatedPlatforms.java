package io.github.wechatquota.simulator;

import java.util.Objects;
import java.util.UUID;

/**
 * The third-party platforms the simulator serves and the accounts authorized to them, from
 * {@link WeChatSimulator#platforms()}:
 *
 * <pre>{@code
 * weChat.platforms().add("wxcomponent0000001", "component-secret");
 * weChat.platforms().authorize("wxcomponent0000001", "wxauthorizer000001", "refreshtoken@@@1",
 *         AccountType.OFFICIAL_ACCOUNT);
 * weChat.platforms().pushVerifyTicket("wxcomponent0000001", "ticket@@@1");
 * // POST /cgi-bin/component/api_component_token now answers a component_access_token
 * }</pre>
 *
 * A platform is also an account of type {@link AccountType#THIRD_PARTY_PLATFORM} with the component appid: its token
 * APIs ({@value WeChatSimulator#COMPONENT_TOKEN_PATH}, {@value WeChatSimulator#AUTHORIZER_TOKEN_PATH}) are counted
 * there, so {@link WeChatSimulator#setDailyLimit} on the component appid limits them, and they answer 45009 past it.
 * An authorized account is an account of its own: calls made with its authorizer_access_token count against its
 * quota, and take from its component minute limit rather than its own.
 */
public final class SimulatedPlatforms {

    private final SimulatorState state;

    SimulatedPlatforms(SimulatorState state) {
        this.state = state;
    }

    /**
     * Serves a platform; its component appid must be new among accounts and platforms.
     *
     * @param componentAppId the platform's appid
     * @param componentSecret its component_appsecret
     */
    public void add(String componentAppId, String componentSecret) {
        requireText(componentAppId, "componentAppId");
        requireText(componentSecret, "componentSecret");
        state.addPlatform(componentAppId, componentSecret);
    }

    /**
     * Authorizes an account to a platform. An appid the simulator does not serve yet becomes an account of the given
     * type with a secret nobody knows (the platform never has it); one already served keeps its secret and type. Cheap
     * enough for thousands of accounts.
     *
     * @param refreshToken the authorizer_refresh_token the platform must show to {@value
     *     WeChatSimulator#AUTHORIZER_TOKEN_PATH}
     */
    public void authorize(String componentAppId, String authorizerAppId, String refreshToken, AccountType type) {
        PlatformLedger platform = state.requirePlatform(componentAppId);
        requireText(authorizerAppId, "authorizerAppId");
        requireText(refreshToken, "refreshToken");
        Objects.requireNonNull(type, "type");
        if (state.ledger(authorizerAppId).isEmpty()) {
            state.addAccount(new SimulatedAccount(authorizerAppId, UUID.randomUUID().toString(), type));
        }
        platform.authorize(authorizerAppId, refreshToken);
    }

    /** How many accounts are authorized to the platform. */
    public int authorizedCount(String componentAppId) {
        return state.requirePlatform(componentAppId).authorizedCount();
    }

    /**
     * Pushes a component_verify_ticket, as WeChat does every ten minutes: it is valid twelve hours from now by the
     * simulator's clock (then 61005), and earlier tickets stay valid until their own twelve hours end. Before any
     * ticket, or with one never pushed, the component token API answers 61006.
     */
    public void pushVerifyTicket(String componentAppId, String ticket) {
        requireText(ticket, "ticket");
        state.requirePlatform(componentAppId).pushTicket(ticket, state.now());
    }

    /**
     * Sets how many calls a minute the platform may make for the account to one API (getApiQuota's {@code
     * component_rate_limit}); 0 or less means none, the default. The account's own calls keep their own limit.
     */
    public void setComponentRateLimit(String authorizerAppId, String cgiPath, long perMinuteLimit) {
        state.requireLedger(authorizerAppId).setComponentMinuteLimit(cgiPath, perMinuteLimit);
    }

    /** Issues a component_access_token without counting a call: for tests that need one without a ticket. */
    public String issueComponentToken(String componentAppId) {
        state.requirePlatform(componentAppId);
        return state.tokens.issue(componentAppId, TokenRegistry.Kind.COMPONENT, componentAppId, state.now()).token();
    }

    /** Issues an authorizer_access_token without counting a call; the account must be authorized to the platform. */
    public String issueAuthorizerToken(String componentAppId, String authorizerAppId) {
        if (!state.requirePlatform(componentAppId).isAuthorized(authorizerAppId)) {
            throw new IllegalArgumentException(authorizerAppId + " is not authorized to platform " + componentAppId
                    + "; authorize(...) it first");
        }
        return state.tokens.issue(authorizerAppId, TokenRegistry.Kind.AUTHORIZER, componentAppId, state.now())
                .token();
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
