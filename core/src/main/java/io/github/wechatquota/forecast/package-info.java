/**
 * When each quota runs out at the current rate: {@link io.github.wechatquota.forecast.QuotaForecaster} reads the
 * guard's public snapshots over time and answers with a {@link io.github.wechatquota.forecast.QuotaForecast}.
 * Framework-free; the Spring Boot starter only publishes the forecasts (a gauge, the Actuator endpoint, health).
 */
package io.github.wechatquota.forecast;
