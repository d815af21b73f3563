/* lwIP configuration for Keel (lwIP 2.1.3, src/include/lwip/opt.h lists every option).
 * NO_SYS with the raw API: the whole stack runs on the app's thread, from keel::net::poll(),
 * so it needs no locks; interrupts only mark work as pending. Sizes come from the net module's
 * options in keel.toml. This file is compiled as C (lwIP) and as C++ (the glue). */
#ifndef KEEL_LWIPOPTS_H
#define KEEL_LWIPOPTS_H

#include <keel/config.h>

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define LWIP_DNS 0
#define LWIP_IGMP 0
#define LWIP_AUTOIP 0
#define IP_REASSEMBLY 0
#define IP_FRAG 0
/* The ARP probe after DHCP would delay the first answer by seconds; QEMU's DHCP server does
 * not hand out addresses in use. */
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_NETIF_HOSTNAME 0
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 0

#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 8
#define MEM_SIZE KEEL_OPTION_NET_MEMORY
#define MEMP_NUM_TCP_PCB KEEL_OPTION_NET_TCP_CONNECTIONS
#define MEMP_NUM_TCP_PCB_LISTEN 8
#define MEMP_NUM_UDP_PCB 8
#define MEMP_NUM_TCP_SEG (4 * TCP_SND_QUEUELEN)
#define MEMP_NUM_PBUF 32
#define PBUF_POOL_SIZE KEEL_OPTION_NET_PACKET_BUFFERS
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 2)
#define MEMP_NUM_ARP_QUEUE 16

#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS)
#define TCP_SND_BUF (4 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG 0
#define LWIP_TCP_KEEPALIVE 0
#define TCP_QUEUE_OOSEQ 1
/* Closed connections wait 2 * TCP_MSL in TIME_WAIT holding a PCB; 60 s (the default) would
 * exhaust the pool under connection-per-request load. */
#define TCP_MSL 1000UL

#define LWIP_STATS 1
#define LWIP_STATS_DISPLAY 0
#define MEM_STATS 1
#define MEMP_STATS 1
#define LINK_STATS 1
#define IP_STATS 0
#define ICMP_STATS 0
#define UDP_STATS 0
#define TCP_STATS 0
#define ETHARP_STATS 0
#define SYS_STATS 0

#define LWIP_CHKSUM_ALGORITHM 3
#define LWIP_RAND() keel_lwip_random()

#ifdef __cplusplus
extern "C" {
#endif
unsigned int keel_lwip_random(void);
#ifdef __cplusplus
}
#endif

#endif
