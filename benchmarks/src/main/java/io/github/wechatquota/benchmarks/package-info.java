/** Benchmarks of wechat-quota and its peers; see benchmarks/run.sh. */
package io.github.wechatquota.benchmarks;
